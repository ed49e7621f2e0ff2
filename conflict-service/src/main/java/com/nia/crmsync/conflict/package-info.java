/**
 * conflict-service: the conflict inbox ({@code SyncConflict}), the resolution API and the audit
 * trail of every decision. Roles by sub-package: {@code api}, {@code service}, {@code repository},
 * {@code entity}, {@code messaging}.
 */
package com.nia.crmsync.conflict;
