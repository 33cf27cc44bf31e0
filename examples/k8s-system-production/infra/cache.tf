resource "aws_elasticache_subnet_group" "checkout" {
  name       = "checkout"
  subnet_ids = var.private_subnet_ids
}

resource "aws_elasticache_replication_group" "checkout" {
  replication_group_id       = "checkout-production"
  description                = "Cart and session cache of checkout"
  engine                     = "redis"
  node_type                  = "cache.t4g.medium"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  subnet_group_name          = aws_elasticache_subnet_group.checkout.name
}
