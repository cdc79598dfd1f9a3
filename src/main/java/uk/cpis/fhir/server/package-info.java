/**
 * The HAPI FHIR JPA R4 server itself: persistence, schema migration, storage settings and the {@code /fhir}
 * servlet. Other capabilities plug their interceptors into the one {@code IInterceptorService} wired here.
 */
package uk.cpis.fhir.server;
