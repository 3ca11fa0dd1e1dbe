import Helm
import Kube
import Mesh
import YAML
