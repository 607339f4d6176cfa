"""Model code (torch/transformers): harm detector, detoxifier, data build, training and evaluation.

No Ray, Kafka or Redis imports: the deployments in workers/deployments host these classes.
"""
