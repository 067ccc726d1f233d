"""An example application for examples/images/spark-app: counts rows and prints the sum (replace with yours)."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
spark.range(1000).selectExpr("sum(id) AS total").show()
spark.stop()
