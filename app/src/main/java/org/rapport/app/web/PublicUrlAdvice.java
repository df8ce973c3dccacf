package org.rapport.app.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page whether the public address is set, so that the admin pages can say when it is not. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class PublicUrlAdvice {
    private final PublicUrl publicUrl;

    PublicUrlAdvice(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @ModelAttribute("publicUrlMissing")
    boolean missing() {
        return !publicUrl.configured();
    }

    @ModelAttribute("publicUrl")
    String base() {
        return publicUrl.base();
    }
}
