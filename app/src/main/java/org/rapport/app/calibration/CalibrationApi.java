package org.rapport.app.calibration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.rapport.app.security.StaffUser;
import org.rapport.app.web.ApiController;
import org.rapport.app.web.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

@ApiController
@Tag(name = "Calibration")
class CalibrationApi {
    private final CalibrationViews views;

    CalibrationApi(CalibrationViews views) {
        this.views = views;
    }

    public record CalibrateRequest(String window) {
    }

    @Operation(summary = "The network's active calibration, scale by scale, and every earlier one (network admins)")
    @GetMapping("/api/v1/calibration")
    CalibrationViews.Overview get(@AuthenticationPrincipal StaffUser user, Locale locale) {
        return views.overview(CalibrationController.networkOf(user), locale);
    }

    @Operation(summary = "Calibrate every scale on a closed window (network admins)",
            description = "Makes a new version active; every report, earlier windows included, is then scored on it.")
    @PostMapping("/api/v1/calibration")
    @ResponseStatus(HttpStatus.CREATED)
    CalibrationViews.Overview calibrate(@AuthenticationPrincipal StaffUser user,
                                               @RequestBody(required = false) CalibrateRequest body, Locale locale) {
        long network = CalibrationController.networkOf(user);
        views.calibrate(network, body == null ? null : body.window());
        return views.overview(network, locale);
    }

    @Operation(summary = "Item drift of a later window against the active calibration (network admins)",
            description = "Each item's centred location then and now in logits; flagged beyond the tolerance and beyond chance (Holm, 5%).")
    @GetMapping("/api/v1/calibration/drift")
    CalibrationViews.Drift drift(@AuthenticationPrincipal StaffUser user, @RequestParam(defaultValue = "") String window,
                                        Locale locale) {
        return views.drift(CalibrationController.networkOf(user), window, locale);
    }

    @Operation(summary = "Differential item functioning between languages in the reference window (network admins)",
            description = "Each language's answers calibrated on their own and every item's location compared with the language most "
                    + "answered in; flagged where the expected answer differs by more than 0.25 of the item's standard deviation (SMD/SD, ETS category C for polytomous items) and the locations beyond chance (Holm, 5%). 409 before any calibration.")
    @GetMapping("/api/v1/calibration/dif")
    CalibrationViews.Dif dif(@AuthenticationPrincipal StaffUser user, Locale locale) {
        return views.dif(CalibrationController.networkOf(user), locale).orElseThrow(() -> new InvalidInputException(409,
                List.of(new InvalidInputException.FieldError("calibration", "the network is not calibrated yet"))));
    }
}
