/**
 * Ceremony files and HSM profiles: strict YAML parsing into records that refuse invalid values.
 *
 * <p>{@link org.anchorhold.ceremony.config.StrictYaml#read} turns a file into a
 * {@link org.anchorhold.ceremony.config.CeremonyFile}; every problem names its dotted key. Checks
 * that depend on the clock or on other files belong to the ceremony that runs the file.
 */
package org.anchorhold.ceremony.config;
