/**
 * creatio-gateway: the only service that talks to Creatio. It owns the OAuth 2.0 session, the
 * call budget (a persisted daily quota) and the lookup and {@code $metadata} caches. Roles by
 * sub-package, each using only those listed before it: {@code config}, {@code failure} (the
 * Creatio failure types and error codes), {@code metrics}; {@code auth} (the OAuth session) and
 * {@code budget}; {@code client} (OData over HTTP); {@code service}; {@code api} and {@code health}.
 */
package com.nia.crmsync.gateway;
