"""How well the engines place staff they have never seen: the corpus replay and its report."""
