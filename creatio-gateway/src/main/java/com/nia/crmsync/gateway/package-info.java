/**
 * creatio-gateway: the only service that talks to Creatio. It owns the OAuth 2.0 session, the
 * call budget (a persisted daily quota) and the lookup and {@code $metadata} caches. Roles by
 * sub-package: {@code api}, {@code service}, {@code client}, {@code config}, {@code health}.
 */
package com.nia.crmsync.gateway;
