package dev.polyboot.web;

/** A request the server answers with an error before (or instead of) calling core. */
final class WebException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Http.Error error;

    WebException(int status, String message, String hint) {
        super(message);
        this.error = new Http.Error(status, message, hint);
    }

    WebException(int status, String message, String hint, String kind) {
        super(message);
        this.error = new Http.Error(status, message, hint, kind);
    }
}
