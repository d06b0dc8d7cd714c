"""What an identity provider says about a person: claims and attributes to plain values."""
