/**
 * Access control: who is calling (a signed-in user's session cookie, an API key as a Bearer token or Langfuse's
 * Basic pair) and what each route lets them do. {@link dev.arbor.server.access.AccessControl} is the one layer in
 * front of every route; {@link dev.arbor.server.access.AccessRules} is the table it reads, one rule per route.
 */
package dev.arbor.server.access;
