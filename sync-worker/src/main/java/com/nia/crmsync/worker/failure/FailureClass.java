package com.nia.crmsync.worker.failure;

/**
 * Whose fault a failure is, as the table in docs/retries.md ("Whose failure is it") sorts them:
 * the message's own, a passing one, or a configuration (credentials, addresses, permissions) that
 * no retry of the record can fix.
 */
public enum FailureClass {
    /** Something is wrong with the message itself: it is dead-lettered or answered failed. */
    MESSAGE,
    /** Something passing (an outage, a timeout, a spent budget): the work is done again later. */
    TRANSIENT,
    /** A credential, address or permission is wrong: someone has to change the configuration. */
    CONFIGURATION
}
