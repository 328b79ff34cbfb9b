-- Audio tokens, as OpenInference reports them (llm.token_count.prompt_details.audio, …completion_details.audio):
-- details inside the prompt and completion counts, priced at their own rates (ADR 0007).
ALTER TABLE spans ADD COLUMN prompt_audio_tokens BIGINT;
ALTER TABLE spans ADD COLUMN completion_audio_tokens BIGINT;
ALTER TABLE spans ADD COLUMN cost_audio DOUBLE;
ALTER TABLE model_prices ADD COLUMN audio_input DOUBLE;
ALTER TABLE model_prices ADD COLUMN audio_output DOUBLE;
