/** The one read path behind every surface (REST, UI, MCP, CLI): typed queries over the store. */
package dev.arbor.server.query;
