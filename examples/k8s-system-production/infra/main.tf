terraform {
  required_version = ">= 1.10"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "checkout/production.tfstate"
    region = "eu-central-1"
    # State locking (S3 conditional writes, Terraform 1.10+): two applies at once cannot corrupt the state.
    use_lockfile = true
  }
}

provider "aws" {
  region = "eu-central-1"

  default_tags {
    tags = {
      service     = "checkout"
      environment = "production"
      owner       = "team-checkout"
    }
  }
}

variable "vpc_id" {
  type = string
}

variable "private_subnet_ids" {
  type = list(string)
}
