package org.rapport.app.web;

public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, Object id) {
        super("no " + what + " " + id);
    }

    public NotFoundException(String message) {
        super(message);
    }
}
