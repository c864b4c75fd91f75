package org.anchorhold.ceremony.run;

import java.time.Clock;

/** What a running ceremony may use besides its plan: the clock, transcript and witnesses. */
public record CeremonyContext(Clock clock, Transcript transcript, Witness witness) {}
