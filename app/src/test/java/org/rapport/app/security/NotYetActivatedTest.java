package org.rapport.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.school.Onboarding;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Signing in to an account that has not chosen its password yet (a school admin just added, staff just
 * imported) is refused exactly as a wrong password or an unknown address is: the same status, by the
 * form and by HTTP Basic, so that nobody learns which addresses are staff still waiting for their
 * invitation, and never a server error.
 */
class NotYetActivatedTest extends AppTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Onboarding onboarding;
    @Autowired
    org.rapport.app.school.StaffPasswords passwords;

    @Test
    void anAccountWithoutAPasswordIsRefusedAsAnUnknownAddressIs() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String waiting = "waiting-" + tag + "@test.example";
        onboarding.addSchool(fixtures.network(), "Waiting School " + tag, new Onboarding.NewAccount("Ms Waiting", waiting));
        String unknown = "nobody-" + tag + "@test.example";

        for (String password : new String[] {"x", "", "{noop}x", "{bcrypt}", "a much longer password than bcrypt reads, which stops at seventy-two bytes"}) {
            int forWaiting = mvc.perform(get("/api/v1/goals").with(httpBasic(waiting, password))).andReturn().getResponse().getStatus();
            int forUnknown = mvc.perform(get("/api/v1/goals").with(httpBasic(unknown, password))).andReturn().getResponse().getStatus();
            assertThat(forWaiting).as("HTTP Basic, password '" + password + "'").isEqualTo(forUnknown).isEqualTo(401);
        }
        MvcResult form = mvc.perform(post("/login").param("username", waiting).param("password", "x").with(csrf())).andReturn();
        MvcResult formUnknown = mvc.perform(post("/login").param("username", unknown).param("password", "x").with(csrf())).andReturn();
        assertThat(form.getResponse().getStatus()).isEqualTo(302).isEqualTo(formUnknown.getResponse().getStatus());
        assertThat(form.getResponse().getRedirectedUrl()).isEqualTo(formUnknown.getResponse().getRedirectedUrl());
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefusedWithItsReasonAndOneThatFitsIsKept() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "phrase-" + tag + "@test.example";
        var added = onboarding.addSchool(fixtures.network(), "Phrase School " + tag, new Onboarding.NewAccount("Ms Phrase", email));
        String latin = "tall oaks and quiet rivers under a wide grey sky in the early morning light";
        String arabic = "أشجار البلوط الطويلة والأنهار الهادئة صباحا";
        for (String tooLong : new String[] {latin, arabic}) {
            assertThat(tooLong.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(72);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> passwords.set(added.admin(), tooLong))
                    .isInstanceOf(org.rapport.app.web.InvalidInputException.class).hasMessageContaining("at most 72 bytes");
        }
        String fits = latin.substring(0, 72);
        passwords.set(added.admin(), fits);
        assertThat(mvc.perform(get("/api/v1/goals").with(httpBasic(email, fits))).andReturn().getResponse().getStatus()).isEqualTo(200);
    }
}
