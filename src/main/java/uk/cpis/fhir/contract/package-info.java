/** The CP-IS contract (canonical URLs, identifier systems, codes) named once for all capabilities. */
package uk.cpis.fhir.contract;
