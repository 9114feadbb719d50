"""Official metrics of the shared tasks narrascope is measured on, and cross-validation reports."""
