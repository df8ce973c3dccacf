package org.rapport.app.school;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.rapport.app.web.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;

@ApiController
@Tag(name = "Accounts")
class AccountApi {
    private final AccountLinks links;
    private final Onboarding onboarding;
    private final SchoolSettings settings;
    private final org.rapport.app.security.OidcClients oidc;
    private final SignInFailures failures;

    AccountApi(AccountLinks links, Onboarding onboarding, SchoolSettings settings, org.rapport.app.security.OidcClients oidc,
               SignInFailures failures) {
        this.failures = failures;
        this.links = links;
        this.onboarding = onboarding;
        this.settings = settings;
        this.oidc = oidc;
    }

    public record SignIn(Boolean passwordSignIn, boolean singleSignOn) {
    }

    @Operation(summary = "How the network's staff sign in: passwords and/or single sign-on")
    @org.springframework.web.bind.annotation.GetMapping("/api/v1/network/sign-in")
    SignIn signIn(@AuthenticationPrincipal StaffUser user) {
        return new SignIn(settings.passwordSignIn(user.networkId()), oidc.configured());
    }

    @Operation(summary = "Switch password sign-in off or on for the network (network admins)",
            description = "Off needs single sign-on (RAPPORT_OIDC_*), or nobody could sign in: 400 otherwise.")
    @org.springframework.web.bind.annotation.PutMapping("/api/v1/network/sign-in")
    SignIn setSignIn(@AuthenticationPrincipal StaffUser user, @RequestBody(required = false) SignIn body) {
        if (!user.isNetworkAdmin()) {
            throw new AccessDeniedException("network admins only");
        }
        if (body == null || body.passwordSignIn() == null) {
            throw new InvalidInputException("passwordSignIn", "send {\"passwordSignIn\": true or false}");
        }
        settings.setPasswordSignIn(user, body.passwordSignIn(), oidc.configured());
        return signIn(user);
    }

    public record SetupRequest(String token, String network, String school, String name, String email, String password) {
    }

    public record SetUp(long networkId, long adminId) {
    }

    @Operation(summary = "First run: create the network (or one school) and its first administrator",
            description = "With the one-time token the console printed at the first start on an empty database; open to anyone holding it.")
    @PostMapping("/api/v1/setup")
    @ResponseStatus(HttpStatus.CREATED)
    SetUp setUp(@RequestBody(required = false) SetupRequest body) {
        if (body == null) {
            throw new InvalidInputException("token", "send {token, network or school, name, email, password}");
        }
        Onboarding.Started s = links.setUp(body.token(), new AccountLinks.Setup(body.network(), body.school(), body.name(), body.email(),
                body.password()));
        return new SetUp(s.networkId(), s.admin().id());
    }

    public record NewSchool(String name, Onboarding.NewAccount admin) {
    }

    public record SchoolAdded(long schoolId, AccountLinks.Invitation invitation) {
    }

    @Operation(summary = "Add a school and its first school admin (network admins)",
            description = "The admin is invited to choose a password: by e-mail, or (without SMTP) the invitation's link is returned to pass on.")
    @PostMapping("/api/v1/schools")
    @ResponseStatus(HttpStatus.CREATED)
    SchoolAdded addSchool(@AuthenticationPrincipal StaffUser user, @RequestBody(required = false) NewSchool body) {
        if (!user.isNetworkAdmin()) {
            throw new AccessDeniedException("network admins only");
        }
        if (body == null) {
            throw new InvalidInputException("name", "send {name, admin: {name, email}}");
        }
        Onboarding.NewSchool added = onboarding.addSchool(user.networkId(), body.name(), body.admin());
        return new SchoolAdded(added.school().id(), links.invite(user, added.admin().id()));
    }

    @Operation(summary = "Invite every member of the school's staff who has no password yet",
            description = "Each gets a single-use link valid for a week to choose their password; without SMTP the links are returned to pass on.")
    @PostMapping("/api/v1/schools/{schoolId}/invitations")
    List<AccountLinks.Invitation> inviteAll(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId) {
        return links.inviteAllWithoutAccount(user, schoolId);
    }

    @Operation(summary = "Failed sign-ins to the school's staff accounts in the last 30 days (school and network admins)",
            description = "Per account: how many, how many were refused unchecked while the account or address was slowed, and the last. "
                    + "No address and nothing typed is kept.")
    @org.springframework.web.bind.annotation.GetMapping("/api/v1/schools/{schoolId}/sign-in-failures")
    List<SignInFailures.Entry> signInFailures(@AuthenticationPrincipal StaffUser user, @PathVariable long schoolId) {
        return failures.of(user, schoolId);
    }

    @Operation(summary = "Invite one member of staff who has no password yet (a new link replaces the old one)",
            description = "409 for a person who already has a password: they ask for a reset link themselves, mailed to them.")
    @PostMapping("/api/v1/staff/{staffId}/invitation")
    AccountLinks.Invitation invite(@AuthenticationPrincipal StaffUser user, @PathVariable long staffId) {
        return links.invite(user, staffId);
    }
}
