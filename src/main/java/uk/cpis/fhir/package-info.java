/** The CP-IS FHIR server: Spring Boot entry point; capabilities live in the sub-packages. */
package uk.cpis.fhir;
