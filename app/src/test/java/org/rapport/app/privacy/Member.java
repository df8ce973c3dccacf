package org.rapport.app.privacy;

import java.util.UUID;

/** A member as the attack tests write groups: a response, or its block about one teacher. */
record Member(UUID response, Long target) {
}
