/** The signed publication format shared by the ceremony and the bundle server. */
package org.anchorhold.publication;
