resource "aws_mq_broker" "checkout" {
  broker_name                = "checkout-production"
  engine_type                = "RabbitMQ"
  engine_version             = "3.13"
  host_instance_type         = "mq.m5.large"
  deployment_mode            = "CLUSTER_MULTI_AZ"
  publicly_accessible        = false
  subnet_ids                 = var.private_subnet_ids
  auto_minor_version_upgrade = true

  user {
    username = "checkout"
    password = aws_secretsmanager_secret_version.mq_password.secret_string
  }
}

resource "aws_secretsmanager_secret" "mq_password" {
  name = "production/checkout/mq-password"
}

resource "aws_secretsmanager_secret_version" "mq_password" {
  secret_id     = aws_secretsmanager_secret.mq_password.id
  secret_string = random_password.mq.result
}

resource "random_password" "mq" {
  length  = 32
  special = false
}
