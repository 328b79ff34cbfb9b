-- Audio tokens, priced at their own rates (see the DuckDB schema and ADR 0007).
ALTER TABLE spans ADD COLUMN prompt_audio_tokens BIGINT;
ALTER TABLE spans ADD COLUMN completion_audio_tokens BIGINT;
ALTER TABLE spans ADD COLUMN cost_audio DOUBLE PRECISION;
ALTER TABLE model_prices ADD COLUMN audio_input DOUBLE PRECISION;
ALTER TABLE model_prices ADD COLUMN audio_output DOUBLE PRECISION;
