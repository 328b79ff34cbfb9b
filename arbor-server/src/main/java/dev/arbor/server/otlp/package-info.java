/**
 * OTLP transports: gRPC and HTTP (protobuf and JSON, Phoenix's and Langfuse's paths). They only decode
 * and map the pipeline's outcome to status codes.
 */
package dev.arbor.server.otlp;
