/**
 * Who may do what: bearer JWTs validated by Spring Security's OAuth2 resource server, and per-role rules (HAPI's
 * AuthorizationInterceptor plus query guards) that deny everything a role is not explicitly allowed.
 */
package uk.cpis.fhir.access;
