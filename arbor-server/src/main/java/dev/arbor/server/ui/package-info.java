/** Serving the web UI's static assets from the jar. */
package dev.arbor.server.ui;
