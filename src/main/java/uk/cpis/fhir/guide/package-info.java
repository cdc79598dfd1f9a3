/**
 * The published implementation guide: its Markdown pages rendered as HTML at {@code /ig/pages/}, its examples at
 * {@code /ig/examples/}, and the NPM FHIR package at {@code /ig/package.tgz}. Open to everyone.
 */
package uk.cpis.fhir.guide;
