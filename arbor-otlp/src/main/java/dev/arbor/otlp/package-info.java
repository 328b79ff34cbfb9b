/**
 * The wire edge: OTLP trace export requests, as protobuf or OTLP/JSON, decoded into the span model.
 * Nothing outside this package sees a protobuf class of OTLP's or the OTLP/JSON rules.
 */
package dev.arbor.otlp;
