/**
 * creatio-gateway's internal HTTP API ({@code /internal/v1}) as plain records: the requests and
 * answers that the gateway's resources write and that sync-worker's and sync-api's REST clients
 * read, and the one decoder of the gateway's problem+json error answers
 * ({@link com.nia.crmsync.model.gateway.GatewayErrorDecoder}). The gateway's
 * {@code GatewayOpenApiContractTests} pins its OpenAPI document to these records.
 */
package com.nia.crmsync.model.gateway;
