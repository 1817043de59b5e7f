"""trustplan: strategic and annual planning for multi-academy trusts."""
