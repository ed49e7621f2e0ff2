package com.nia.crmsync.simulator.odata;

/**
 * A failure that leaves as Creatio's own OData error envelope (creatio-api.md §4.4):
 * {@code {"error":{"code":"","message":...,"innererror":{"message":...}}}}.
 */
public class ODataException extends RuntimeException {

    private final int status;
    private final String innerMessage;

    public ODataException(int status, String message, String innerMessage) {
        super(message);
        this.status = status;
        this.innerMessage = innerMessage;
    }

    /** 400 "The request is invalid." with the detail in {@code innererror.message}. */
    public static ODataException badRequest(String detail) {
        return new ODataException(400, "The request is invalid.", detail);
    }

    /** 500 "An error has occurred." with the detail in {@code innererror.message}. */
    public static ODataException serverError(String detail) {
        return new ODataException(500, "An error has occurred.", detail);
    }

    public static ODataException notFound(String detail) {
        return new ODataException(404, "No HTTP resource was found that matches the request URI.", detail);
    }

    public int status() {
        return status;
    }

    public String innerMessage() {
        return innerMessage;
    }
}
