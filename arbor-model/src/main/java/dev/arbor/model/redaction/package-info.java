/**
 * Server-side redaction: rules (built-in detectors of personal data and secrets, or custom patterns), scoped
 * globally or to one project and to chosen attributes, applied to each span's raw attributes at ingest, before
 * normalisation, so that neither the attributes as received nor the canonical fields ever hold the original.
 */
package dev.arbor.model.redaction;
