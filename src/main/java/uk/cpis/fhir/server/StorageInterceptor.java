package uk.cpis.fhir.server;

/**
 * Marks a CP-IS interceptor that belongs on the JPA layer's interceptor service: its hooks act on storage, and
 * must hold for every write, whichever REST path (direct, bundle entry) or internal caller it came from.
 * {@link InterceptorRegistration} registers each such bean there.
 */
public interface StorageInterceptor {}
