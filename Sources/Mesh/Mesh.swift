import Helm
import Kube
import YAML
