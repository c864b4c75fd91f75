package org.anchorhold.ceremony.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WitnessTest {
  private final StringWriter shown = new StringWriter();
  private final StringWriter answers = new StringWriter();

  private Witness witness(String typed) {
    return new Witness(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(shown), false, new PrintWriter(answers));
  }

  @Test
  void yes_continues_andIsRecordedForTheTranscriptFile() throws Exception {
    Witness witness = witness("yes\nyes\n");

    witness.confirm("Sign?");
    witness.confirm("Record?");

    assertThat(shown.toString())
        .isEqualTo("Sign? Type yes to continue: Record? Type yes to continue: ");
    assertThat(answers.toString()).isEqualTo("yes" + System.lineSeparator() + "yes"
        + System.lineSeparator());
  }

  @Test
  void anotherAnswer_stops_andIsRecordedWithItsControlCharactersShownByCodePoint() {
    Witness witness = witness("no\u001b[2J\n");

    assertThatThrownBy(() -> witness.confirm("Sign?")).isInstanceOf(CeremonyException.class)
        .hasMessage("the witnesses did not confirm: Sign?");
    assertThat(answers.toString()).isEqualTo("no<U+001B>[2J" + System.lineSeparator());
  }

  @Test
  void noAnswer_stops_andIsRecordedAsNone() {
    Witness witness = witness("");

    assertThatThrownBy(() -> witness.confirm("Sign?"))
        .hasMessageStartingWith("no confirmation could be read");
    assertThat(answers.toString()).isEqualTo("(no answer)" + System.lineSeparator());
  }

  @Test
  void preconfirmed_printsTheQuestionAsConfirmed_andReadsNothing() throws Exception {
    Witness witness = new Witness(null, new PrintWriter(shown), true, new PrintWriter(answers));

    witness.confirm("Sign?");

    assertThat(shown.toString()).isEqualTo("confirmed (--yes): Sign?" + System.lineSeparator());
    assertThat(answers.toString()).isEmpty();
  }
}
