package peers;

import jakarta.annotation.Resource;
