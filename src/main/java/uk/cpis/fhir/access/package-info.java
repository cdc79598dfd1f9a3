/**
 * Who may do what: bearer JWTs validated by Spring Security's OAuth2 resource server, and one access policy
 * ({@link uk.cpis.fhir.access.AccessPolicy}, data) enforced on every path: an allowlist on each request as HAPI
 * parsed it, and HAPI authorisation rules built from the same grants on each record read or written.
 */
package uk.cpis.fhir.access;
