package org.rapport.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The public address is an http(s) address of its own, or Rapport does not start. */
class PublicUrlTest {
    @Test
    void anAddressIsKeptWithoutItsTrailingSlash() {
        PublicUrl url = new PublicUrl("https://rapport.example.org/");
        assertThat(url.base()).isEqualTo("https://rapport.example.org");
        assertThat(url.configured()).isTrue();
        assertThat(new PublicUrl("https://example.org/rapport").base()).isEqualTo("https://example.org/rapport");
    }

    @Test
    void withoutOneLinksPointAtThisMachineAndItSaysSo() {
        PublicUrl url = new PublicUrl("");
        assertThat(url.configured()).isFalse();
        assertThat(url.base()).startsWith("http://localhost:");
    }

    @Test
    void anythingElseRefusesToStart() {
        for (String bad : new String[] {"rapport.example.org", "ftp://rapport.example.org", "https://rapport.example.org/?x=1",
                "https://user@rapport.example.org", "https://rapport.example.org/#top", "https:// spaced.example"}) {
            assertThatThrownBy(() -> new PublicUrl(bad)).as(bad).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("RAPPORT_PUBLIC_URL");
        }
    }
}
