/**
 * The CP-IS conformance package: installed into the server from the classpath at startup (no network), so the
 * profiles are stored, searchable ({@code GET /fhir/StructureDefinition?url=…}) and used by {@code $validate}.
 */
package uk.cpis.fhir.profiles;
