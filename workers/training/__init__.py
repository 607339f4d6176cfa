"""The paper's training recipes: detector (BCE + ranking + category heads), fast stage, detoxifier LoRA."""
