/**
 * Request logging that never writes an NHS number: one line per HTTP request with identifying values masked.
 */
package uk.cpis.fhir.logging;
