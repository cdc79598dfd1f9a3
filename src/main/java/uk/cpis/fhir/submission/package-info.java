/**
 * Local authority submissions: transaction (or batch) bundles validated against the CP-IS profiles and the
 * business rules before anything is stored, refused whole with every problem named, and recorded with a
 * Provenance in the same database transaction.
 */
package uk.cpis.fhir.submission;
