"""FHIR R4 export of an exam (a Bundle) and of a protocol's vocabulary (a CodeSystem), built with fhir.resources.

fhir.resources 6.4 carries the R4 (4.0.1) models; every resource is built from them, so each answer is
validated by the library as it is built.
"""
