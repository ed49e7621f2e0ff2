package com.nia.crmsync.client;

/** No answer from the API: the connection failed or timed out, or the front router found no service behind it (502). */
public class ApiUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApiUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
