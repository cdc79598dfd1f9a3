package uk.cpis.fhir.server;

/**
 * Marks a CP-IS interceptor that belongs on the REST server: its hooks act on REST requests and answers (and on
 * the storage pointcuts HAPI fires on the REST server for them). {@link InterceptorRegistration} registers each
 * such bean there.
 */
public interface RestServerInterceptor {}
