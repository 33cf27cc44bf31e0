resource "aws_db_subnet_group" "checkout" {
  name       = "checkout"
  subnet_ids = var.private_subnet_ids
}

resource "aws_db_instance" "checkout" {
  identifier                   = "checkout-production"
  engine                       = "postgres"
  engine_version               = "16.3"
  instance_class               = "db.m6g.large"
  allocated_storage            = 100
  max_allocated_storage        = 500
  db_name                      = "checkout"
  username                     = "checkout"
  manage_master_user_password  = true
  db_subnet_group_name         = aws_db_subnet_group.checkout.name
  multi_az                     = true
  storage_encrypted            = true
  backup_retention_period      = 14
  deletion_protection          = true
  performance_insights_enabled = true
  auto_minor_version_upgrade   = true
}
