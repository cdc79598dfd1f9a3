/**
 * What the server says about itself to integrators: the CapabilityStatement at {@code /fhir/metadata}, shaped to
 * what the access policy lets some caller do, and the SMART configuration telling a client how to get a token.
 */
package uk.cpis.fhir.metadata;
