package org.rapport.app.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rapport.app.web.IcuMessageSource;

/**
 * Polish prepositions govern a case: "powyżej" and "poniżej" take the genitive. An outside reader found the trust map's
 * band words written around it ("54 (od 51 do 57) powyżej: sieć"); they now say "powyżej sieci", "poniżej szkoły".
 */
class PolishCasesTest {
    private static final IcuMessageSource MESSAGES = IcuMessageSource.of("messages");
    private static final Locale POLISH = Locale.forLanguageTag("pl");

    @Test
    void theBandWordsPutTheReferenceInTheGenitive() {
        String network = MESSAGES.getMessage("band.network", null, POLISH);
        String school = MESSAGES.getMessage("band.school", null, POLISH);
        assertThat(MESSAGES.getMessage("band.above", new Object[] {network}, POLISH)).isEqualTo("powyżej sieci");
        assertThat(MESSAGES.getMessage("band.wellBelow", new Object[] {network}, POLISH)).isEqualTo("wyraźnie poniżej sieci");
        assertThat(MESSAGES.getMessage("band.below", new Object[] {school}, POLISH)).isEqualTo("poniżej szkoły");
        assertThat(MESSAGES.getMessage("band.wellAbove", new Object[] {school}, POLISH)).isEqualTo("wyraźnie powyżej szkoły");
        assertThat(MESSAGES.getMessage("band.same", new Object[] {network}, POLISH)).isEqualTo("mniej więcej tyle co sieć");
    }
}
