"""protector workers: the pure moderation logic, the models, and the Ray Serve deployments hosting them."""
